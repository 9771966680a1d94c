-- A blog as people write it by hand: lower-case types, unnamed constraints, AUTOINCREMENT,
-- a DEFAULT CURRENT_TIMESTAMP without parentheses, CHECK without a space.
create table authors (
  id integer primary key autoincrement,
  email varchar(120) not null unique,
  name text not null default 'anonymous',
  joined timestamp default CURRENT_TIMESTAMP
);
create table posts (
  id integer primary key,
  author_id integer not null references authors(id) on delete cascade,
  title text not null check(length(title)>0),
  body text,
  published boolean not null default 0
);
create index posts_author on posts(author_id);
create index posts_published on posts(published) where published = 1;
insert into authors (email, name) values ('a@x', 'Ann');
insert into posts (author_id, title) values (1, 'hello');
